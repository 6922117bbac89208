import type * as B from '../bodies.js';
import { expectRecord, expectString } from '../decode.js';
import { REST_CALLER, endpoints } from '../rest-caller.js';

export const applicationEndpoints = endpoints({
  /** `POST /applications` → the application and its bot token. */
  async createApplication(body: { name: string; description?: string }): Promise<B.CreateApplicationResult> {
    const { data, ctx } = await this[REST_CALLER].call('POST', { path: '/applications', body });
    const record = expectRecord(data, 'application result', ctx);
    return {
      application: expectRecord(record['application'], 'application', ctx) as unknown as B.Application,
      token: expectString(record, 'token', 'application result', ctx),
    };
  },

  async getCurrentApplication(): Promise<B.Application> {
    const { data, ctx } = await this[REST_CALLER].call('GET', { path: '/applications/@me' });
    return expectRecord(data, 'application', ctx) as unknown as B.Application;
  },

  /** Invalidates every earlier bot token of the application and returns the new one. */
  async resetApplicationToken(): Promise<string> {
    const { data, ctx } = await this[REST_CALLER].call('POST', { path: '/applications/@me/reset-token' });
    return expectString(expectRecord(data, 'token result', ctx), 'token', 'token result', ctx);
  },
});

export type ApplicationEndpoints = typeof applicationEndpoints;
