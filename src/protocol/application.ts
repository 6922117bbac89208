/** An application as the REST API returns it (docs/protocol.md §4.15): the client and the embedded server share this shape. */
export interface Application {
  id: string;
  name: string;
  icon: string | null;
  description: string;
  bot_public: boolean;
  owner_id: string;
  flags: number;
}
