#!/usr/bin/env bash
# Builds the OLM bundle image from bundle/bundle.Dockerfile's content, without Docker: FROM scratch, one layer holding
# what its COPY lines copy, its LABELs as the image config's labels; pushed with skopeo from an OCI layout.
#   operator/src/image/bundle-image.sh [REGISTRY] [TAG]     (default 127.0.0.1:5000, the project version)
set -euo pipefail
cd "$(dirname "$0")/../../.."
registry=${1:-127.0.0.1:5000}
tag=${2:-$(grep -m1 -o '<version>[^<]*' pom.xml | cut -d'>' -f2)}
image=$registry/veer-dev/veer-operator-bundle:$tag
work=${VEER_IMAGE_WORK:-/tmp/veer-image}/bundle
rm -rf "$work" && mkdir -p "$work/layer" "$work/oci/blobs/sha256"
dockerfile=bundle/bundle.Dockerfile
grep -q '^FROM scratch$' "$dockerfile" || { echo "$dockerfile: only FROM scratch is supported" >&2; exit 1; }
labels=""
while read -r instruction rest; do
  case "$instruction" in
    LABEL) key=${rest%%=*}; value=${rest#*=}
           labels+="${labels:+,}\"$key\":\"$value\"" ;;
    COPY)  read -r src dest <<<"$rest"
           mkdir -p "$work/layer/$dest" && cp -r "bundle/$src/." "$work/layer/$dest" ;;
    FROM|"") ;;
    \#*) ;;
    *) echo "$dockerfile: unsupported instruction $instruction" >&2; exit 1 ;;
  esac
done < "$dockerfile"
blob() {
  local digest size
  digest=$(sha256sum "$1" | cut -d' ' -f1); size=$(stat -c %s "$1")
  mv "$1" "$work/oci/blobs/sha256/$digest"; echo "sha256:$digest $size"
}
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/layer.tar" -C "$work/layer" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n "$work/layer.tar"
read -r layer layer_size < <(blob "$work/layer.tar.gz")
printf '{"architecture":"amd64","os":"linux","config":{"Labels":{%s}},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
  "$labels" "$diff_id" > "$work/config.json"
read -r config config_size < <(blob "$work/config.json")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
  "$config" "$config_size" "$layer" "$layer_size" > "$work/manifest.json"
read -r manifest manifest_size < <(blob "$work/manifest.json")
echo '{"imageLayoutVersion":"1.0.0"}' > "$work/oci/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bundle"}}]}' \
  "$manifest" "$manifest_size" > "$work/oci/index.json"
skopeo copy --quiet --dest-tls-verify=false "oci:$work/oci:bundle" "docker://$image"
echo "$image"
