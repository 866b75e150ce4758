// The @octokit/rest clients of `audit` and the Action (client-factory.ts) have the same retry and throttling
// plugins as Probot's: 5xx retried, secondary rate limits waited out as retry-after says, then given up.
import Bottleneck from "bottleneck";
import nock from "nock";
import { createTokenClient } from "../../src/github/client-factory.js";

const API = "https://api.github.com";
const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };

const waits: number[] = [];
const client = () =>
  createTokenClient("ghs_test", {
    env: {},
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retryAfterBaseValue: 1,
      onWait: (s) => void waits.push(s),
      groups: {
        global: new Bottleneck.Group({ maxConcurrent: 10 }),
        write: new Bottleneck.Group({ maxConcurrent: 1 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
        search: new Bottleneck.Group({ maxConcurrent: 1 }),
        auth: new Bottleneck.Group({ maxConcurrent: 1 }),
      },
    },
  });

beforeEach(() => {
  waits.length = 0;
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});
afterAll(() => nock.restore());

describe("token client (audit, Action)", () => {
  test("a 502 is retried by plugin-retry", async () => {
    nock(API).get("/repos/o/r").reply(502, { message: "Bad Gateway" });
    nock(API).get("/repos/o/r").reply(200, { name: "r" });
    const { data } = await client().rest.repos.get({ owner: "o", repo: "r" });
    expect(data.name).toBe("r");
  });

  test("a secondary rate limit with retry-after is waited out and retried (plugin-throttling)", async () => {
    nock(API).post("/repos/o/r/issues").reply(403, SECONDARY, { "retry-after": "5" });
    nock(API).post("/repos/o/r/issues").reply(201, { number: 1 });
    const { data } = await client().rest.issues.create({ owner: "o", repo: "r", title: "t" });
    expect(data.number).toBe(1);
    expect(waits).toEqual([5]);
  });

  test("a retry-after longer than 120 s is not waited: the error reaches the caller", async () => {
    nock(API).post("/repos/o/r/issues").reply(403, SECONDARY, { "retry-after": "3600" });
    await expect(client().rest.issues.create({ owner: "o", repo: "r", title: "t" })).rejects.toMatchObject({ status: 403 });
    expect(waits).toEqual([]);
  });
});
