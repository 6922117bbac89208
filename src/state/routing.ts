/** What Routing needs of an owner: a stable order (ServerConnection's index). */
export interface RoutingOwner {
  readonly index: number;
}

/** An id that moved to another owner because its previous owner let it go. */
export interface Handover<Owner> {
  kind: 'space' | 'channel';
  id: string;
  from: Owner;
  to: Owner;
}

/** Hears each change of owner (a method, so a cache typed by a wider owner still accepts it). */
export interface HandoverListener<Owner> {
  handover(handover: Handover<Owner>): void;
}

/**
 * Which connection owns a space or a channel (space channels and DMs alike). Two accounts of one
 * store may hold the same space (or a DM between them): the holder with the lowest index owns it,
 * whatever order their READYs came in, and when it lets go the next holder takes over. The owner
 * maps are what reads look up; the other holders are kept aside only for ids that are shared, so
 * an unshared id costs nothing more. Each connection's cache releases only its own claims, so one
 * connection's reset never unroutes another's data.
 */
export class Routing<Owner extends RoutingOwner> {
  readonly spaces = new Map<string, Owner>();
  readonly channels = new Map<string, Owner>();
  private readonly otherSpaceHolders = new Map<string, Owner[]>();
  private readonly otherChannelHolders = new Map<string, Owner[]>();

  /**
   * `onHandover` hears every change of owner of a shared id, synchronously, while the previous
   * owner still holds its data (a release tells before the data goes).
   */
  constructor(private readonly listener: HandoverListener<Owner> = { handover: () => undefined }) {}

  claimSpace(spaceId: string, owner: Owner): void {
    const from = claim(this.spaces, this.otherSpaceHolders, spaceId, owner);
    if (from) this.listener.handover({ kind: 'space', id: spaceId, from, to: owner });
  }

  releaseSpace(spaceId: string, owner: Owner): void {
    const to = release(this.spaces, this.otherSpaceHolders, spaceId, owner);
    if (to) this.listener.handover({ kind: 'space', id: spaceId, from: owner, to });
  }

  claimChannel(channelId: string, owner: Owner): void {
    const from = claim(this.channels, this.otherChannelHolders, channelId, owner);
    if (from) this.listener.handover({ kind: 'channel', id: channelId, from, to: owner });
  }

  releaseChannel(channelId: string, owner: Owner): void {
    const to = release(this.channels, this.otherChannelHolders, channelId, owner);
    if (to) this.listener.handover({ kind: 'channel', id: channelId, from: owner, to });
  }
}

/** Adds `owner`'s claim; returns the owner it displaced (a shared id goes to the lowest index). */
function claim<Owner extends RoutingOwner>(owners: Map<string, Owner>, others: Map<string, Owner[]>, id: string, owner: Owner): Owner | undefined {
  const current = owners.get(id);
  if (current === undefined || current === owner) {
    owners.set(id, owner);
    return undefined;
  }
  let rest = others.get(id);
  if (!rest) {
    rest = [];
    others.set(id, rest);
  }
  if (owner.index > current.index) {
    if (!rest.includes(owner)) rest.push(owner);
    return undefined;
  }
  owners.set(id, owner);
  if (!rest.includes(current)) rest.push(current);
  const at = rest.indexOf(owner);
  if (at >= 0) rest.splice(at, 1);
  return current;
}

/** Drops `owner`'s claim; returns the holder that took the id over, if it was the owner's and shared. */
function release<Owner extends RoutingOwner>(owners: Map<string, Owner>, others: Map<string, Owner[]>, id: string, owner: Owner): Owner | undefined {
  const rest = others.get(id);
  if (owners.get(id) !== owner) {
    if (!rest) return undefined;
    const at = rest.indexOf(owner);
    if (at >= 0) rest.splice(at, 1);
    if (rest.length === 0) others.delete(id);
    return undefined;
  }
  if (!rest || rest.length === 0) {
    owners.delete(id);
    return undefined;
  }
  let next = 0;
  for (let i = 1; i < rest.length; i++) if ((rest[i] as Owner).index < (rest[next] as Owner).index) next = i;
  const to = rest.splice(next, 1)[0] as Owner;
  if (rest.length === 0) others.delete(id);
  owners.set(id, to);
  return to;
}
