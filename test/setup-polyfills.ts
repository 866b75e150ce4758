// Node 20 lacks Promise.withResolvers (Node >= 22). nock 15.0.1+ pulls @mswjs/interceptors 0.44+,
// whose fetch interceptor calls it, so every intercepted fetch fails without it. No-op on Node >= 22.
if (typeof (Promise as any).withResolvers !== "function") {
  (Promise as any).withResolvers = function withResolvers<T>() {
    let resolve!: (v: T | PromiseLike<T>) => void;
    let reject!: (e?: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };
}
export {};
