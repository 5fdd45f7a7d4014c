/** Every migration, oldest first. The server runs them at start-up. */
export const migrations: Function[] = [];
