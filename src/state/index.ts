export { AccordStore } from './store.js';
export { ServerConnection } from './connection.js';
export { StoreActionError } from './actions/errors.js';
export type { StoreActionErrorCode } from './actions/errors.js';
export type {
  AccordStoreOptions,
  AddServerOptions,
  ConnectionStatus,
  PendingState,
  SendFailure,
  SendMessageOptions,
  SendRetryOptions,
  StoreMessage,
  StoreChannel,
  StoreMember,
  StoreSignalName,
  StoreSignals,
  StoreUser,
  VoiceSessionHandler,
} from './types.js';
export type {
  ClientFactory,
  RecoveryInfo,
  StoreClient,
  StoreClientEvents,
  StoreClientOptions,
  StoreCreateMessageBody,
  StoreEventSource,
  StoreGateway,
  StoreRest,
  StoreVoiceStateRequest,
  WebSocketConstructor,
} from './store-client.js';
