/** Ferrous's own version. */
export const FERROUS_VERSION = "0.1.0";
/** The Redis version whose behaviour Ferrous reproduces (what INFO and HELLO report). */
export const REDIS_VERSION = "7.0.15";
