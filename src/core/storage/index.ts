export { InvalidBlobKeyError, normalizeBlobKey, normalizeBlobPrefix } from './blob-key.js';
export { DEFAULT_CONTENT_TYPE, type BlobInfo, type BlobRange, type BlobStore } from './blob-store.js';
export { createBlobStore, type BlobStoreCredentials } from './create-blob-store.js';
export { createFsBlobStore } from './fs-blob-store.js';
export { createS3BlobStore, createS3Client, type S3BlobStoreOptions, type S3ClientOptions } from './s3-blob-store.js';
export { contentDisposition, parseRange, sendBlob, type SendBlobOptions } from './send-blob.js';
