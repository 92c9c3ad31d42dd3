/** The staff area's public doors, shared by the server's guard and the device. */
export const SIGN_IN_PATH = '/pro/connexion';
export const SIGN_OUT_PATH = '/pro/deconnexion';
