import sharp from 'sharp';

// sharp as the town hall uses it: every page is decoded once (its check, or a rendition shown
// once), so libvips's cache of decoded images (50 MB by default) would only hold pages no one
// reads again — twenty tablets sending at once made the server grow by that much, measured.
sharp.cache(false);

export { sharp };
