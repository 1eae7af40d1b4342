export const DEFAULT_MODELS = ['gemini-3.1-flash-image', 'gemini-3-pro-image', 'gemini-2.5-flash-image'] as const;

/** Output tokens Google bills per 1K image: 1290 for gemini-2.5-flash-image, 1120 for the Gemini 3 image models. */
export function imageTokensFor(model: string): number {
  return model.startsWith('gemini-2.5') ? 1290 : 1120;
}

export function modelResource(model: string): Record<string, unknown> {
  return {
    name: `models/${model}`,
    version: model.replace(/^gemini-/, '').split('-')[0] ?? '1',
    displayName: model
      .split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(' '),
    description: 'Local stand-in: renders a procedural character that follows the reference image and the requested view angle.',
    inputTokenLimit: 65536,
    outputTokenLimit: 32768,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
  };
}

export function modelNotFoundMessage(model: string): string {
  return `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
}
