// Requests are made of what is on this device (the form, the draft, the person's details), so
// these pages render in the browser, from the device's store, online or not.
export const ssr = false;
