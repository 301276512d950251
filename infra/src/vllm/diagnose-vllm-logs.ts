/** The likely cause of a failed start, and what to do about it. */
export interface VllmDiagnosis {
  cause:
    | "out-of-gpu-memory"
    | "unknown-model"
    | "gated-model"
    | "no-network"
    | "no-gpu"
    | "bad-argument";
  advice: string;
}

const rules: { cause: VllmDiagnosis["cause"]; pattern: RegExp; advice: string }[] = [
  {
    cause: "out-of-gpu-memory",
    pattern:
      /out of memory|OutOfMemoryError|No available memory for the cache blocks|less than desired GPU memory utilization|larger than the maximum number of tokens that can be stored in KV cache|KV cache is needed, which is larger than the available/i,
    advice:
      "The GPU has too little free memory: stop other GPU processes (see nvidia-smi), or lower --gpu-memory-utilization or --max-model-len, or choose a smaller model.",
  },
  {
    cause: "gated-model",
    pattern: /GatedRepoError|gated repo|Access to model .* is restricted|401 Client Error/i,
    advice:
      "The model is gated: accept its licence on huggingface.co and set HF_TOKEN to a token with read access, then run `switchboard vllm up --force`.",
  },
  {
    cause: "no-network",
    pattern:
      /couldn't connect to 'https:\/\/huggingface\.co'|Max retries exceeded|Temporary failure in name resolution|Name or service not known|Network is unreachable|LocalEntryNotFoundError|ConnectTimeout/i,
    advice:
      "The container could not download the model: give the Docker host network access to huggingface.co (or a proxy), or put the weights in the Hugging Face cache (--hf-cache) beforehand.",
  },
  {
    cause: "unknown-model",
    pattern:
      /RepositoryNotFoundError|Repository Not Found|is not a local folder and is not a valid model identifier|404 Client Error/i,
    advice:
      "Hugging Face has no such model: check --model (or VLLM_MODEL, or the catalog's model) for typos.",
  },
  {
    cause: "no-gpu",
    pattern:
      /No CUDA GPUs are available|CUDA driver version is insufficient|Failed to infer device type|NVIDIA driver on your system is too old|no NVIDIA driver/i,
    advice:
      "The container sees no usable GPU: check `nvidia-smi` on the host, the NVIDIA driver version the image needs, and the --gpus selection.",
  },
  {
    cause: "bad-argument",
    pattern:
      /error: unrecognized arguments|error: argument|must be divisible by tensor parallel size/i,
    advice:
      "vLLM rejected its arguments: check the extra arguments after `--` and --tensor-parallel-size against the model.",
  },
];

/** The first known failure the log lines show, if any. */
export function diagnoseVllmLogs(lines: string[]): VllmDiagnosis | undefined {
  const text = lines.join("\n");
  const rule = rules.find(({ pattern }) => pattern.test(text));
  return rule && { cause: rule.cause, advice: rule.advice };
}
