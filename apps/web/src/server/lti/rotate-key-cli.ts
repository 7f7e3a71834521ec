// `npm run lti:rotate-key -w @critic/web`: makes a new LTI signing key; the JWKS keeps serving the old
// one as the previous key, so platforms that cached it still verify until they refetch.
import { openDatabase } from '@critic/db/client';
import { rotateSigningKey } from './keys';

const handle = await openDatabase();
try {
  const kid = await rotateSigningKey(handle.db);
  console.info(JSON.stringify({ level: 'info', message: 'lti signing key rotated', kid }));
} finally {
  await handle.close();
}
