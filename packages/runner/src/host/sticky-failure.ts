/**
 * A guard for a policy's calls that makes the first failure stick: once a call has thrown, every later
 * call throws that same error without running (a policy whose sandbox failed is not asked again).
 */
export function stickyFailureGuard(): <T>(call: () => Promise<T>) => Promise<T> {
  let failure: unknown;
  return async (call) => {
    if (failure) throw failure;
    try {
      return await call();
    } catch (e) {
      failure = e;
      throw e;
    }
  };
}
