// Next calls register() once when the server starts: the site's HTTP server then records each
// request's socket address where the API can trust it (see server/auth/socket-address.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { stampSocketAddresses } = await import('./server/auth/socket-address');
    stampSocketAddresses();
  }
}
