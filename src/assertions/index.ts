export * from './matchers'
export { matchesPartial } from './partial'
export { calledTools, returnedToolCalls, receivedMessages, requestView, type ToolUse } from './journal-facts'
export { toHaveQueried } from './vector-matchers'
