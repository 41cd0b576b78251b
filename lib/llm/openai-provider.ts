import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { CompletionEvent, CompletionRequest, LlmProvider } from '@/lib/llm/provider';
import { toProviderError } from '@/lib/llm/provider-error';
import type { TokenUsage } from '@/lib/llm/prices';
import { OUTPUT_SCHEMAS, type OutputType } from '@/lib/zod/schemas/runs';

// Built once per output type: the JSON schema conversion is not free and never changes.
const responseFormats = new Map<OutputType, ReturnType<typeof zodResponseFormat>>();

function responseFormat(outputType: OutputType) {
  let format = responseFormats.get(outputType);
  if (!format) {
    format = zodResponseFormat(OUTPUT_SCHEMAS[outputType], outputType);
    responseFormats.set(outputType, format);
  }
  return format;
}

/**
 * Chat completions through the SDK, streamed, with usage in the last chunk
 * (stream_options.include_usage) and the answer constrained to the output type's JSON schema.
 * `timeoutMs` bounds the whole call, retries and a stalled stream included.
 */
export function createOpenAIProvider(client: OpenAI, { timeoutMs }: { timeoutMs: number }): LlmProvider {
  return {
    name: 'openai',
    async *streamCompletion(request: CompletionRequest): AsyncIterable<CompletionEvent> {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      let text = '';
      let refusal = '';
      let usage: TokenUsage | null = null;
      let finishReason: string | null = null;
      try {
        const stream = await client.chat.completions.create(
          {
            model: request.model,
            messages: [
              { role: 'system', content: request.system },
              // Earlier turns of the conversation: what was asked, and the answer as the user read it.
              ...request.history.flatMap((turn) => [
                { role: 'user' as const, content: turn.task },
                { role: 'assistant' as const, content: turn.answer },
              ]),
              { role: 'user', content: request.user },
            ],
            stream: true,
            stream_options: { include_usage: true },
            response_format: responseFormat(request.outputType),
            max_completion_tokens: request.maxTokens,
            ...(request.temperature !== null && { temperature: request.temperature }),
          },
          { signal: request.signal ? AbortSignal.any([deadline.signal, request.signal]) : deadline.signal },
        );
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          const delta = choice?.delta?.content;
          if (delta) {
            text += delta;
            yield { type: 'delta', delta };
          }
          if (choice?.delta?.refusal) refusal += choice.delta.refusal;
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) {
            usage = {
              input: chunk.usage.prompt_tokens,
              cached: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
              output: chunk.usage.completion_tokens,
            };
          }
        }
        // An abort in the middle of the stream ends the SDK's iteration quietly instead of throwing.
        if (deadline.signal.aborted) throw new Error('deadline reached while streaming');
      } catch (error) {
        throw toProviderError(error, { timedOut: deadline.signal.aborted, timeoutMs });
      } finally {
        clearTimeout(timer);
      }
      yield { type: 'final', text, usage, finishReason, refusal: refusal || null };
    },
  };
}
