import type Dockerode from "dockerode";

/** The GPUs a container's device requests ask for, in words. */
export function describeGpus(requests: Dockerode.DeviceRequest[] | undefined): string {
  const gpu = requests?.find((request) => request.Capabilities?.some((set) => set.includes("gpu")));
  if (!gpu) return "none";
  if (gpu.DeviceIDs && gpu.DeviceIDs.length > 0) return `devices ${gpu.DeviceIDs.join(", ")}`;
  if (gpu.Count === -1) return "all";
  return `${gpu.Count}`;
}
