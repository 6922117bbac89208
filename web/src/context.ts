import type { PresenceStatus } from '../../src/protocol/index.js';
import type { AccordStore, ServerConnection } from '../../src/state/index.js';

/** What every view may ask of the application: the store and the few UI decisions it owns. */
export interface AppContext {
  readonly store: AccordStore;
  selectedSpaceId(): string | null;
  selectSpace(spaceId: string): void;
  /** Whether the sidebar lists direct messages instead of a space's channels. */
  showingDms(): boolean;
  selectDms(): void;
  openChannel(channelId: string): void;
  connectionForSpace(spaceId: string): ServerConnection | undefined;
  connectionForChannel(channelId: string): ServerConnection | undefined;
  /** A label for a connection: its host, or "this server" ("home" when short) for the page's own origin. */
  connectionLabel(conn: ServerConnection, short?: boolean): string;
  openLogin(): void;
  /** Ends that connection's session (giving my presence back first). */
  signOut(conn: ServerConnection): Promise<void>;
  /** The presence picker's choice, for every connection. */
  setPresence(status: PresenceStatus): void;
}
