export { AccordStore } from './store.js';
export { ServerConnection } from './connection.js';
export { StoreActionError, type StoreActionErrorCode } from './actions/action-error.js';
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
