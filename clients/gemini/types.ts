export interface ImageModelClientOptions {
  apiKey: string;
  /** e.g. `gemini-3.1-flash-image`; configuration, checked with checkModel() at start-up. */
  model: string;
  /** Another endpoint speaking the same REST API (the local stand-in); default Google's. */
  baseUrl?: string;
  /** Per-request deadline; default 120 s (image generation often takes 10–60 s). */
  timeoutMs?: number;
}

export interface ReferenceImage {
  bytes: Buffer;
  mimeType: string;
  /** How the prompt names this image, e.g. "the master reference of the character". */
  label: string;
}

export interface GenerationRequest {
  prompt: string;
  /** The first is the master reference. At most 14. */
  references: ReferenceImage[];
  /** Default 3:4. */
  aspectRatio?: string;
  /** Cancels the request (e.g. a Temporal activity's cancellation signal). */
  signal?: AbortSignal;
}

export interface TokenUsage {
  promptTokens: number | null;
  candidatesTokens: number | null;
  totalTokens: number | null;
}

export type GenerationOutcome =
  | {
      kind: 'image';
      bytes: Buffer;
      mimeType: string;
      /** Text the model sent along with the image, if any. */
      text?: string;
      usage: TokenUsage;
      /** Null when the model is not in the price table: a cost is never guessed. */
      costUsd: number | null;
      modelVersion?: string;
      responseId?: string;
      finishReason: string;
    }
  | { kind: 'blocked'; stage: 'prompt' | 'output'; reason: string; text?: string }
  | { kind: 'no_image'; finishReason: string; text?: string };

export interface ImageModelInfo {
  /** As the API names it, e.g. `models/gemini-3.1-flash-image`. */
  name: string;
  displayName?: string;
  version?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedActions?: string[];
}

export interface ImageModelClient {
  readonly model: string;
  /** Fails with PermanentServiceError 'model_not_found' when the configured model does not exist for this key. */
  checkModel(): Promise<ImageModelInfo>;
  /** Non-image outcomes are returned; transport failures throw TransientServiceError / PermanentServiceError. */
  generateImage(request: GenerationRequest): Promise<GenerationOutcome>;
}
