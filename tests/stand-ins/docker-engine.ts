/**
 * A local Docker Engine API on a Unix socket, with the endpoints `switchboard vllm` calls through
 * dockerode: `/_ping`, `/info`, `/images/{name}/json`, `POST /images/create` (the pull progress
 * stream, one JSON object a line), `POST /containers/create`, `/containers/{id}/json`,
 * `/start`, `/stop`, `/wait`, `/logs` (8-byte-header frames, as for a container without a TTY,
 * and following), and `DELETE /containers/{id}`. Paths may carry an API version (`/v1.47/…`).
 * Errors are answered as the engine answers them: an HTTP status and `{ message }`. It records
 * every request, and `faults` injects each failure a test needs.
 *
 * @example
 * const engine = startDockerEngine({ images: ["vllm/vllm-openai:latest"] });
 * const docker = new Dockerode({ socketPath: engine.socketPath });
 */
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One request as the engine received it, its path without the API version. */
export interface EngineRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body?: Record<string, unknown>;
}

/** Failures the engine plays, switched on by a test. */
export interface EngineFaults {
  /** Answer `POST /images/create` with this status and message instead of a stream. */
  pullRefused?: { status: number; message: string };
  /** Stream the first layer's events, then this error event, as a pull that breaks midway. */
  pullError?: string;
  /** Answer the next `POST /containers/{id}/start` with this status and message. */
  startFailure?: { status: number; message: string };
}

export interface DockerEngineOptions {
  /** Images the engine has before the test (`name:tag`). */
  images?: string[];
  /** The runtimes `/info` lists (default: `runc` and `nvidia`). */
  runtimes?: string[];
}

type LogStream = 1 | 2;

/** A container as the stand-in keeps it; a test plays the process inside through `log` and `exit`. */
export class StandInContainer {
  readonly logs: { stream: LogStream; text: string }[] = [];
  state = { Status: "created", Running: false, ExitCode: 0, StartedAt: "0001-01-01T00:00:00Z" };
  restartCount = 0;
  readonly waiters = new Set<(exitCode: number) => void>();
  readonly followers = new Set<ReadableStreamDefaultController<Uint8Array>>();

  constructor(
    readonly id: string,
    readonly name: string,
    readonly body: Record<string, unknown>,
  ) {}

  /** Writes a line to the container's stderr (where vLLM logs) or stdout. */
  log(text: string, stream: LogStream = 2): void {
    const line = text.endsWith("\n") ? text : `${text}\n`;
    this.logs.push({ stream, text: line });
    for (const follower of this.followers) follower.enqueue(frame(stream, line));
  }

  /** Ends the process with this exit code, as a crash or a stop does. */
  exit(exitCode: number): void {
    this.state = { ...this.state, Status: "exited", Running: false, ExitCode: exitCode };
    for (const waiter of this.waiters) waiter(exitCode);
    this.waiters.clear();
    for (const follower of this.followers) follower.close();
    this.followers.clear();
  }

  start(): void {
    this.state = {
      ...this.state,
      Status: "running",
      Running: true,
      ExitCode: 0,
      StartedAt: new Date().toISOString(),
    };
  }

  inspect(): Record<string, unknown> {
    const { HostConfig, ...config } = this.body;
    return {
      Id: this.id,
      Name: `/${this.name}`,
      Created: new Date().toISOString(),
      Image: `sha256:${"0".repeat(64)}`,
      RestartCount: this.restartCount,
      State: {
        ...this.state,
        Paused: false,
        Restarting: false,
        OOMKilled: false,
        Dead: false,
        Error: "",
      },
      Config: { Tty: false, Labels: {}, ...config },
      HostConfig,
    };
  }
}

/** The 8-byte header (stream type, three zero bytes, big-endian size) and the payload. */
function frame(stream: LogStream, text: string): Uint8Array {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function engineError(status: number, message: string): Response {
  return Response.json({ message }, { status });
}

/** An image reference as the engine stores it: with a tag, `latest` when none is named. */
function tagged(image: string): string {
  return /:[^/]+$/.test(image) ? image : `${image}:latest`;
}

export class DockerEngine {
  readonly requests: EngineRequest[] = [];
  readonly images: Set<string>;
  readonly containers = new Map<string, StandInContainer>();
  readonly faults: EngineFaults = {};
  runtimes: string[];
  /** Plays the process of each started container (e.g. logs, then the API answers, or a crash). */
  onStart: (container: StandInContainer) => void = () => {};
  /** The layers a pull downloads. */
  pullLayers = [
    { id: "a1b2c3d4e5f6", size: 1_000_000 },
    { id: "0f9e8d7c6b5a", size: 3_000_000 },
  ];
  private server?: ReturnType<typeof Bun.serve>;
  private nextId = 1;

  constructor(
    readonly socketPath: string,
    options: DockerEngineOptions,
  ) {
    this.images = new Set((options.images ?? []).map(tagged));
    this.runtimes = options.runtimes ?? ["io.containerd.runc.v2", "nvidia", "runc"];
  }

  listen(): void {
    this.server = Bun.serve({ unix: this.socketPath, fetch: (request) => this.handle(request) });
  }

  /** The container with this name or id. */
  container(nameOrId: string): StandInContainer | undefined {
    return (
      this.containers.get(nameOrId) ??
      [...this.containers.values()].find((container) => container.name === nameOrId)
    );
  }

  /** The requests as `METHOD /path`, for checking the order of calls. */
  get calls(): string[] {
    return this.requests.map((request) => `${request.method} ${request.path}`);
  }

  async stop(): Promise<void> {
    for (const container of this.containers.values())
      for (const follower of container.followers) follower.close();
    await this.server?.stop(true);
    await rm(this.socketPath, { force: true });
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/v\d+\.\d+/, "");
    const text = request.method === "POST" ? await request.text() : "";
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    this.requests.push({
      method: request.method,
      path,
      query: url.searchParams,
      ...(body ? { body } : {}),
    });
    const route = `${request.method} ${path}`;

    if (route === "GET /_ping") return new Response("OK", { headers: { "Api-Version": "1.47" } });
    if (route === "GET /info") return this.info();
    if (route === "POST /images/create") return this.pull(url.searchParams);
    if (route === "POST /containers/create") {
      return this.create(url.searchParams.get("name"), body ?? {});
    }
    const image = /^GET \/images\/(.+)\/json$/.exec(route)?.[1];
    if (image) {
      return this.images.has(tagged(image))
        ? Response.json({ Id: `sha256:${"1".repeat(64)}`, RepoTags: [tagged(image)] })
        : engineError(404, `No such image: ${image}`);
    }
    const match =
      /^(GET|POST|DELETE) \/containers\/([^/]+)(?:\/(json|start|stop|wait|logs))?$/.exec(route);
    const container = match?.[2] ? this.container(match[2]) : undefined;
    if (match && !container) return engineError(404, `No such container: ${match[2]}`);
    if (match && container) {
      const action = `${match[1]} ${match[3] ?? ""}`;
      if (action === "GET json") return Response.json(container.inspect());
      if (action === "POST start") return this.start(container);
      if (action === "POST stop") return this.stopContainer(container);
      if (action === "POST wait") return this.wait(container, request.signal);
      if (action === "GET logs") return this.logs(container, url.searchParams, request.signal);
      if (action === "DELETE ") {
        return this.remove(container, url.searchParams.get("force") === "true");
      }
    }
    return engineError(404, `page not found: ${route}`);
  }

  private info(): Response {
    return Response.json({
      ServerVersion: "27.3.1",
      OperatingSystem: "Ubuntu 24.04 LTS",
      DefaultRuntime: "runc",
      Runtimes: Object.fromEntries(this.runtimes.map((name) => [name, { path: name }])),
    });
  }

  private pull(query: URLSearchParams): Response {
    const image = `${query.get("fromImage")}:${query.get("tag") ?? "latest"}`;
    if (this.faults.pullRefused) {
      return engineError(this.faults.pullRefused.status, this.faults.pullRefused.message);
    }
    const events: object[] = [
      { status: `Pulling from ${query.get("fromImage")}`, id: query.get("tag") },
    ];
    for (const { id } of this.pullLayers)
      events.push({ status: "Pulling fs layer", progressDetail: {}, id });
    for (const [index, { id, size }] of this.pullLayers.entries()) {
      for (const current of [size / 4, size]) {
        events.push({
          status: "Downloading",
          progressDetail: { current, total: size },
          progress: "[==>  ]",
          id,
        });
      }
      if (this.faults.pullError && index === 0) {
        events.push({
          errorDetail: { message: this.faults.pullError },
          error: this.faults.pullError,
        });
        break;
      }
      events.push({ status: "Download complete", progressDetail: {}, id });
      events.push({ status: "Extracting", progressDetail: { current: size, total: size }, id });
      events.push({ status: "Pull complete", progressDetail: {}, id });
    }
    if (!this.faults.pullError) {
      events.push({ status: `Digest: sha256:${"2".repeat(64)}` });
      events.push({ status: `Status: Downloaded newer image for ${image}` });
      this.images.add(image);
    }
    const lines = events.map((event) => `${JSON.stringify(event)}\r\n`);
    // Sent a line at a time, as the engine streams it.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const line = lines.shift();
        if (line === undefined) return controller.close();
        await Bun.sleep(1);
        controller.enqueue(new TextEncoder().encode(line));
      },
    });
    return new Response(stream, { headers: { "Content-Type": "application/json" } });
  }

  private create(name: string | null, body: Record<string, unknown>): Response {
    const image = String(body.Image ?? "");
    if (!this.images.has(tagged(image))) return engineError(404, `No such image: ${image}`);
    const existing = name ? this.container(name) : undefined;
    if (existing) {
      return engineError(
        409,
        `Conflict. The container name "/${name}" is already in use by container "${existing.id}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    const id = (this.nextId++).toString(16).padStart(64, "c");
    this.containers.set(id, new StandInContainer(id, name ?? id.slice(0, 12), body));
    return Response.json({ Id: id, Warnings: [] }, { status: 201 });
  }

  private start(container: StandInContainer): Response {
    if (container.state.Running) return new Response(null, { status: 304 });
    const failure = this.faults.startFailure;
    if (failure) {
      this.faults.startFailure = undefined;
      return engineError(failure.status, failure.message);
    }
    container.start();
    this.onStart(container);
    return new Response(null, { status: 204 });
  }

  private stopContainer(container: StandInContainer): Response {
    if (!container.state.Running) return new Response(null, { status: 304 });
    container.exit(0);
    return new Response(null, { status: 204 });
  }

  private wait(container: StandInContainer, signal: AbortSignal): Response | Promise<Response> {
    const answer = (exitCode: number) => Response.json({ StatusCode: exitCode, Error: null });
    if (!container.state.Running) return answer(container.state.ExitCode);
    return new Promise((resolve) => {
      const waiter = (exitCode: number) => resolve(answer(exitCode));
      container.waiters.add(waiter);
      signal.addEventListener("abort", () => container.waiters.delete(waiter));
    });
  }

  private logs(container: StandInContainer, query: URLSearchParams, signal: AbortSignal): Response {
    const wanted = (stream: LogStream) => query.get(stream === 1 ? "stdout" : "stderr") === "true";
    const lines = container.logs.filter((entry) => wanted(entry.stream));
    const tail = Number(query.get("tail") ?? "all");
    const shown = Number.isInteger(tail) ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    const frames = shown.map((entry) => frame(entry.stream, entry.text));
    const headers = { "Content-Type": "application/vnd.docker.multiplexed-stream" };
    if (query.get("follow") !== "true") return new Response(Buffer.concat(frames), { headers });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of frames) controller.enqueue(chunk);
        if (!container.state.Running) return controller.close();
        container.followers.add(controller);
        signal.addEventListener("abort", () => container.followers.delete(controller));
      },
    });
    return new Response(stream, { headers });
  }

  private remove(container: StandInContainer, force: boolean): Response {
    if (container.state.Running && !force) {
      return engineError(
        409,
        `cannot remove container "/${container.name}": container is running: stop the container before removing or force remove`,
      );
    }
    if (container.state.Running) container.exit(137);
    this.containers.delete(container.id);
    return new Response(null, { status: 204 });
  }
}

/** Starts the engine on a fresh socket in the temporary directory. */
export function startDockerEngine(options: DockerEngineOptions = {}): DockerEngine {
  const socketPath = join(
    tmpdir(),
    `switchboard-docker-${process.pid}-${crypto.randomUUID().slice(0, 8)}.sock`,
  );
  const engine = new DockerEngine(socketPath, options);
  engine.listen();
  return engine;
}
