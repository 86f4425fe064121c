/**
 * A PostgreSQL database that cannot be reached or refuses the login; the message names it, password hidden.
 * Apart from the connection code so that the command line can recognise it without loading the driver.
 */
export class PostgresConnectError extends Error {
  override readonly name = "PostgresConnectError";
}
