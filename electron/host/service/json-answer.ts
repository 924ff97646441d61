// A handler's answer already serialised as JSON by whoever made it (a page: its archive's worker
// thread, electron/archive/page-json.ts), so a big answer is not cloned, validated and serialised
// again on the thread that serves every request. Its receiver validates it (the tab: the channel's
// response check in renderer/api/client.ts); dispatch() parses it back for callers that want values.
export class JsonAnswer<T> {
  /** The type of the value the text holds (never set: it types the handler table). */
  declare readonly answer: T;
  constructor(readonly json: string) {}
}
