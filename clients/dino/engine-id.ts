/** `facebook/dinov3-vitb16-pretrain-lvd1689m` → `dinov3-vitb16-pretrain-lvd1689m`: thresholds are keyed by this id. */
export function engineIdFromModelName(modelName: string): string {
  return modelName.split('/').pop() ?? modelName;
}
