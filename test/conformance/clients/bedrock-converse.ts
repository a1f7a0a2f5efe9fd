import {
  BedrockRuntimeClient,
  BedrockRuntimeServiceException,
  ConverseCommand,
  ConverseStreamCommand,
  type ContentBlock,
  type Message,
  type StopReason,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime'
import { WEATHER_TOOL, type ClientFactory, type FinishReason } from '../client'

const modelId = 'us.anthropic.claude-3-5-sonnet-20241022-v2:0'
const toolConfig = {
  tools: [
    {
      toolSpec: {
        name: WEATHER_TOOL.name,
        description: WEATHER_TOOL.description,
        inputSchema: { json: structuredClone(WEATHER_TOOL.parameters) as never },
      },
    } satisfies Tool,
  ],
}

const FINISH: Partial<Record<StopReason, FinishReason>> = {
  end_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  content_filtered: 'content_filter',
}

/** The SDK on its default (HTTP/2) request handler, as an application would create it. */
export const bedrockConverse: ClientFactory = (baseUrl) => {
  const client = new BedrockRuntimeClient({
    endpoint: baseUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  })
  const user = (prompt: string): Message[] => [{ role: 'user', content: [{ text: prompt }] }]
  const text = (content: ContentBlock[] | undefined) =>
    (content ?? []).map((block) => block.text ?? '').join('')
  return {
    name: 'bedrock converse (@aws-sdk/client-bedrock-runtime)',
    async text(prompt) {
      const r = await client.send(new ConverseCommand({ modelId, messages: user(prompt) }))
      return {
        text: text(r.output?.message?.content),
        finishReason: FINISH[r.stopReason!],
        usage: { input: r.usage!.inputTokens!, output: r.usage!.outputTokens! },
      }
    },
    async streamText(prompt) {
      const r = await client.send(new ConverseStreamCommand({ modelId, messages: user(prompt) }))
      let out = ''
      let chunks = 0
      let finishReason: FinishReason | undefined
      for await (const event of r.stream!) {
        if (event.contentBlockDelta?.delta?.text) {
          out += event.contentBlockDelta.delta.text
          chunks++
        }
        if (event.messageStop) finishReason = FINISH[event.messageStop.stopReason!]
      }
      return { text: out, chunks, finishReason }
    },
    async toolCall(prompt, { stream }) {
      if (!stream) {
        const r = await client.send(new ConverseCommand({ modelId, messages: user(prompt), toolConfig }))
        const use = r.output!.message!.content!.find((block) => block.toolUse)!.toolUse!
        return { name: use.name!, args: use.input, id: use.toolUseId! }
      }
      const r = await client.send(new ConverseStreamCommand({ modelId, messages: user(prompt), toolConfig }))
      let call = { name: '', id: '', input: '' }
      for await (const event of r.stream!) {
        const start = event.contentBlockStart?.start?.toolUse
        if (start) call = { name: start.name!, id: start.toolUseId!, input: '' }
        call.input += event.contentBlockDelta?.delta?.toolUse?.input ?? ''
      }
      return { name: call.name, args: JSON.parse(call.input), id: call.id }
    },
    async toolResult(prompt, call, result) {
      const r = await client.send(
        new ConverseCommand({
          modelId,
          toolConfig,
          messages: [
            ...user(prompt),
            {
              role: 'assistant',
              content: [{ toolUse: { toolUseId: call.id, name: call.name, input: call.args as never } }],
            },
            { role: 'user', content: [{ toolResult: { toolUseId: call.id, content: [{ text: result }] } }] },
          ],
        }),
      )
      return { text: text(r.output?.message?.content), finishReason: FINISH[r.stopReason!] }
    },
    async error(prompt) {
      try {
        await client.send(new ConverseCommand({ modelId, messages: user(prompt) }))
      } catch (error) {
        const e = error as BedrockRuntimeServiceException
        return {
          status: e.$metadata?.httpStatusCode,
          message: e.message,
          typed: e instanceof BedrockRuntimeServiceException && e.name === 'ThrottlingException',
        }
      }
      throw new Error('expected an error')
    },
  }
}
