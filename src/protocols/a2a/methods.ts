/**
 * The A2A method table: v1.0's methods (`SendMessage`…) and v0.3's (`message/send`…) side by side on one
 * endpoint, each pair sharing its behaviour and differing in its wire. Push notifications and the
 * authenticated extended card are not offered (the card says so), and answer with the spec's errors.
 * @see https://a2a-protocol.org/v1.0.0/specification/#9-json-rpc-protocol-binding
 * @see https://a2a-protocol.org/v0.3.0/specification/#7-protocol-rpc-methods
 * @module
 */
import { RpcDispatcher } from '../jsonrpc'
import { a2aError } from './a2a-errors'
import type { A2aContext } from './a2a-context'
import { sendMessage } from './send-message'
import { cancelTask, getTask, listTasks, resubscribe } from './tasks'
import { v03Wire } from './wire-v0-3'
import { v1Wire } from './wire-v1'

const noPushNotifications = () => {
  throw a2aError(
    'PUSH_NOTIFICATION_NOT_SUPPORTED',
    'standin does not send push notifications: use streaming or polling',
  )
}
const noExtendedCard = () => {
  throw a2aError('EXTENDED_AGENT_CARD_NOT_CONFIGURED', 'standin serves no authenticated extended agent card')
}

export const a2aMethods = new RpcDispatcher<A2aContext>({
  SendMessage: sendMessage(v1Wire, false),
  SendStreamingMessage: sendMessage(v1Wire, true),
  GetTask: getTask(v1Wire),
  CancelTask: cancelTask(v1Wire),
  SubscribeToTask: resubscribe(v1Wire),
  ListTasks: listTasks(v1Wire),
  CreateTaskPushNotificationConfig: noPushNotifications,
  GetTaskPushNotificationConfig: noPushNotifications,
  ListTaskPushNotificationConfigs: noPushNotifications,
  DeleteTaskPushNotificationConfig: noPushNotifications,
  GetExtendedAgentCard: noExtendedCard,

  'message/send': sendMessage(v03Wire, false),
  'message/stream': sendMessage(v03Wire, true),
  'tasks/get': getTask(v03Wire),
  'tasks/cancel': cancelTask(v03Wire),
  'tasks/resubscribe': resubscribe(v03Wire),
  'tasks/pushNotificationConfig/set': noPushNotifications,
  'tasks/pushNotificationConfig/get': noPushNotifications,
  'tasks/pushNotificationConfig/list': noPushNotifications,
  'tasks/pushNotificationConfig/delete': noPushNotifications,
  'agent/getAuthenticatedExtendedCard': noExtendedCard,
})
