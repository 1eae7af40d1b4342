// Makes the single MongoDB node a replica set (rs0), so Payload gets transactions. Idempotent: a node that is already
// a member answers rs.status() and is left alone. Run by the mongo-init service with mongosh.
/* global rs, print -- the mongosh shell provides them */
try {
  rs.status();
  print('replica set already initiated');
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
  print('replica set rs0 initiated');
}
