// Booking works from the slots kept on the device, online or not: rendered in the browser.
export const ssr = false;
