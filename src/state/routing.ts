/**
 * Which connection owns a space or a channel (space channels and DMs alike). Each connection's
 * cache registers its own ids here and releases only entries that still point at it, so one
 * connection's reset never unroutes another's data.
 */
export class Routing<Owner> {
  readonly spaces = new Map<string, Owner>();
  readonly channels = new Map<string, Owner>();

  claimSpace(spaceId: string, owner: Owner): void {
    this.spaces.set(spaceId, owner);
  }

  releaseSpace(spaceId: string, owner: Owner): void {
    if (this.spaces.get(spaceId) === owner) this.spaces.delete(spaceId);
  }

  claimChannel(channelId: string, owner: Owner): void {
    this.channels.set(channelId, owner);
  }

  releaseChannel(channelId: string, owner: Owner): void {
    if (this.channels.get(channelId) === owner) this.channels.delete(channelId);
  }
}
