// A Server-Sent Events reader on fetch (EventSource cannot send an Authorization header), with
// reconnection after a drop that resumes by Last-Event-ID.
import { authHeaders, errorOf } from './api.js';

/** Reads an SSE body; calls onEvent({event, data, id}) per event and onChunk() per chunk read. */
export async function readEvents(body, onEvent, onChunk) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { event: 'message', data: [], id: null };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onChunk();
    buffer += value;
    let end;
    while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
      if (line === '') {
        if (event.data.length) onEvent({ ...event, data: event.data.join('\n') });
        event = { event: 'message', data: [], id: null };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const name = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (name === 'event') event.event = text;
        else if (name === 'data') event.data.push(text);
        else if (name === 'id') event.id = text;
      }
    }
  }
}

const SILENCE_MS = 40_000; // the server sends a keep-alive at least every 15 s
const MAX_BACKOFF_MS = 15_000;

/**
 * One live tail. States: connecting, live, reconnecting, paused, stopped, failed.
 * Handlers: onState(state, detail), onEvents(array), onRefused(ApiError).
 */
export class Tail {
  constructor(url, { onState, onEvents, onRefused }) {
    this.url = url;
    this.handlers = { onState, onEvents, onRefused };
    this.lastEventId = null;
    this.controller = null;
    this.running = false;
    this.failures = 0;
    this.generation = 0;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.generation += 1;
    this.loop(this.generation);
  }

  /** Closes the connection and keeps the position: resume() continues after the last event. */
  pause() {
    this.halt('paused');
  }

  resume() {
    this.start();
  }

  stop() {
    this.halt('stopped');
  }

  halt(state) {
    this.running = false;
    if (this.controller) this.controller.abort();
    this.state(state);
  }

  state(name, detail) {
    this.handlers.onState(name, detail);
  }

  async loop(generation) {
    const current = () => this.running && this.generation === generation;
    while (current()) {
      const outcome = await this.connect();
      if (!current() || outcome === 'refused') return;
      if (outcome === 'complete') {
        this.failures = 0; // a finished stream (its limit reached): carry on at once
        continue;
      }
      this.failures += 1;
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.failures - 1));
      this.state('reconnecting', `${outcome}; retrying in ${Math.round(delay / 1000)} s`);
      await new Promise((resolve) => { window.setTimeout(resolve, delay); });
    }
  }

  /** One connection; resolves to 'complete', 'refused', or why it dropped. */
  async connect() {
    const controller = new AbortController();
    this.controller = controller;
    let timer = null;
    let stalled = false;
    const watch = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => { stalled = true; controller.abort(); }, SILENCE_MS);
    };
    this.state(this.failures ? 'reconnecting' : 'connecting',
      this.lastEventId ? `resuming after event ${this.lastEventId}` : undefined);
    try {
      const extra = { Accept: 'text/event-stream' };
      if (this.lastEventId) extra['Last-Event-ID'] = this.lastEventId;
      const response = await fetch(this.url, {
        headers: authHeaders(extra), cache: 'no-store', signal: controller.signal,
      });
      if (!response.ok) {
        const error = await errorOf(response);
        if (response.status >= 500) return `server error ${response.status}`;
        this.running = false;
        this.handlers.onRefused(error);
        return 'refused';
      }
      this.failures = 0;
      this.state('live');
      watch();
      let outcome = 'connection closed';
      await readEvents(response.body, (event) => {
        if (event.event === 'logs') {
          if (event.id) this.lastEventId = event.id;
          this.handlers.onEvents(JSON.parse(event.data));
        } else if (event.event === 'complete') {
          outcome = 'complete';
        } else if (event.event === 'error') {
          outcome = `server ended the stream: ${JSON.parse(event.data).error}`;
        }
      }, watch);
      return outcome;
    } catch (e) {
      if (stalled) return 'no data for 40 s';
      if (e.name === 'AbortError') return 'aborted';
      return `connection lost (${e.message})`;
    } finally {
      window.clearTimeout(timer);
    }
  }
}
