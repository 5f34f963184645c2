package io.acapromoter.local.sim;

import io.acapromoter.local.sim.RegistryModel.Registry;
import java.io.ByteArrayOutputStream;
import java.util.UUID;

/** Blobs (layers, configs, signature envelopes) as OCI clients push and pull them: whole, chunked or mounted. */
final class BlobUploads {
    private final RegistryTokens tokens;

    BlobUploads(RegistryTokens tokens) {
        this.tokens = tokens;
    }

    SimResponse getBlob(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull", reg -> {
            byte[] blob = reg.blobs.get(req.param("digest"));
            if (blob == null || !reg.repositories.containsKey(repoName)) {
                throw new DataPlaneException(404, "BLOB_UNKNOWN", "blob unknown to registry");
            }
            SimResponse r = new SimResponse(200, req.method.equals("HEAD") ? null : blob, "application/octet-stream");
            r.header("Docker-Content-Digest", req.param("digest"));
            r.header("Content-Length", Integer.toString(blob.length));
            return r;
        });
    }

    /** Starts a blob upload; with {@code mount}/{@code from} mounts a blob the registry has, with {@code digest} takes it whole. */
    SimResponse startUpload(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            String mount = req.query.get("mount");
            if (mount != null && reg.blobs.containsKey(mount)) {
                return blobCreated(repoName, mount);
            }
            String digest = req.query.get("digest");
            if (digest != null) {
                return blobCreated(repoName, storeBlob(reg, digest, req.body));
            }
            String upload = UUID.randomUUID().toString();
            reg.uploads.put(upload, new ByteArrayOutputStream());
            return uploadAccepted(repoName, upload, 0);
        });
    }

    SimResponse uploadChunk(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            ByteArrayOutputStream data = requireUpload(reg, req.param("upload"));
            data.writeBytes(req.body);
            return uploadAccepted(repoName, req.param("upload"), data.size());
        });
    }

    SimResponse endUpload(SimRequest req) {
        String repoName = req.param("repo");
        return tokens.authorized(req, "repository:" + repoName + ":pull,push", reg -> {
            ByteArrayOutputStream data = requireUpload(reg, req.param("upload"));
            String digest = req.query.get("digest");
            if (digest == null) {
                throw new DataPlaneException(400, "DIGEST_INVALID", "the digest query parameter is required to finish an upload");
            }
            data.writeBytes(req.body);
            String stored = storeBlob(reg, digest, data.toByteArray());
            reg.uploads.remove(req.param("upload"));
            return blobCreated(repoName, stored);
        });
    }

    private static ByteArrayOutputStream requireUpload(Registry reg, String upload) {
        ByteArrayOutputStream data = reg.uploads.get(upload);
        if (data == null) {
            throw new DataPlaneException(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
        }
        return data;
    }

    private static String storeBlob(Registry reg, String digest, byte[] content) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new DataPlaneException(400, "DIGEST_INVALID", "unsupported digest " + digest);
        }
        if (!RegistryStore.sha256(content).equals(digest)) {
            throw new DataPlaneException(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
        }
        reg.blobs.put(digest, content);
        return digest;
    }

    private static SimResponse uploadAccepted(String repoName, String upload, int size) {
        SimResponse r = SimResponse.empty(202);
        r.header("Location", "/v2/" + repoName + "/blobs/uploads/" + upload);
        r.header("Docker-Upload-UUID", upload);
        r.header("Range", "0-" + Math.max(0, size - 1));
        r.header("Docker-Distribution-Api-Version", "registry/2.0");
        return r;
    }

    private static SimResponse blobCreated(String repoName, String digest) {
        SimResponse r = SimResponse.empty(201);
        r.header("Location", "/v2/" + repoName + "/blobs/" + digest);
        r.header("Docker-Content-Digest", digest);
        r.header("Docker-Distribution-Api-Version", "registry/2.0");
        return r;
    }
}
