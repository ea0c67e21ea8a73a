#!/usr/bin/env bash
# Builds Veer's base image offline, from Debian's packages, for linux/amd64 and linux/arm64, and pushes it as one
# manifest list (an OCI image index) to a registry on 127.0.0.1: no Docker engine, no base image pulled.
#   operator/src/image/base-image.sh [REGISTRY]      (default 127.0.0.1:5000; start one with registry.sh)
# Result: REGISTRY/veer/jre17-base:bookworm. Each architecture's root filesystem is openjdk-17-jre-headless and its
# dependencies, extracted by mmdebstrap (--variant=extract: no maintainer script runs, so arm64 needs no emulation),
# plus a second layer with what those scripts would have made: /usr/bin/java, the Java CA store, and a passwd entry
# for user 10001 (veer). Run as root (mmdebstrap's root mode).
set -euo pipefail
registry=${1:-127.0.0.1:5000}
image=$registry/veer/jre17-base:bookworm
work=${VEER_IMAGE_WORK:-/tmp/veer-image}/base
suite=bookworm
rm -rf "$work"
mkdir -p "$work/oci/blobs/sha256"
oci=$work/oci

blob() {  # blob FILE -> stores FILE as a blob, prints "sha256:<hex> <size>"
  local digest size
  digest=$(sha256sum "$1" | cut -d' ' -f1)
  size=$(stat -c %s "$1")
  mv "$1" "$oci/blobs/sha256/$digest"
  echo "sha256:$digest $size"
}

manifests=""
for arch in amd64 arm64; do
  rootfs=$work/rootfs-$arch.tar
  # The Java CA store is made by ca-certificates-java's maintainer script, which extract does not run: take the
  # build machine's (Debian's ca-certificates, converted by the same package).
  mmdebstrap --variant=extract --architectures="$arch" --include=openjdk-17-jre-headless \
    "$suite" "$rootfs" >"$work/mmdebstrap-$arch.log" 2>&1 \
    || { echo "mmdebstrap failed for $arch, see $work/mmdebstrap-$arch.log" >&2; exit 1; }
  # A second layer with what the maintainer scripts would have made. The Java CA store is made by
  # ca-certificates-java's script: take the build machine's (Debian's ca-certificates, converted by that package).
  extra=$work/extra-$arch
  mkdir -p "$extra/usr/bin" "$extra/etc/ssl/certs/java" "$extra/home/veer" "$extra/tmp"
  ln -s "../lib/jvm/java-17-openjdk-$arch/bin/java" "$extra/usr/bin/java"
  cp /etc/ssl/certs/java/cacerts "$extra/etc/ssl/certs/java/cacerts"
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nveer:x:10001:10001:Veer:/home/veer:/usr/sbin/nologin\n' \
    > "$extra/etc/passwd"
  printf 'root:x:0:\nveer:x:10001:\n' > "$extra/etc/group"
  chmod 1777 "$extra/tmp"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$work/extra-$arch.tar" -C "$extra" .
  diff_id=sha256:$(sha256sum "$rootfs" | cut -d' ' -f1)
  gzip -n -6 "$rootfs"
  read -r layer layer_size < <(blob "$rootfs.gz")
  extra_diff_id=sha256:$(sha256sum "$work/extra-$arch.tar" | cut -d' ' -f1)
  gzip -n -6 "$work/extra-$arch.tar"
  read -r extra_layer extra_size < <(blob "$work/extra-$arch.tar.gz")
  variant=""
  [ "$arch" = arm64 ] && variant=',"variant":"v8"'
  printf '{"architecture":"%s"%s,"os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-%s"],"User":"10001:10001","WorkingDir":"/home/veer"},"rootfs":{"type":"layers","diff_ids":["%s","%s"]},"history":[{"created_by":"mmdebstrap --variant=extract --include=openjdk-17-jre-headless %s"},{"created_by":"operator/src/image/base-image.sh: /usr/bin/java, CA store, passwd"}]}' \
    "$arch" "$variant" "$arch" "$diff_id" "$extra_diff_id" "$suite" > "$work/config-$arch.json"
  read -r config config_size < <(blob "$work/config-$arch.json")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
    "$config" "$config_size" "$layer" "$layer_size" "$extra_layer" "$extra_size" > "$work/manifest-$arch.json"
  read -r manifest manifest_size < <(blob "$work/manifest-$arch.json")
  manifests+="${manifests:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$manifest\",\"size\":$manifest_size,\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"${variant}}}"
  echo "$arch: layer $layer_size bytes (gzip)" >&2
done
# The layout's index.json names one entry, 'bookworm': the image index of both architectures.
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$manifests" \
  > "$work/index-both.json"
read -r both both_size < <(blob "$work/index-both.json")
echo '{"imageLayoutVersion":"1.0.0"}' > "$oci/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
  "$both" "$both_size" "$suite" > "$oci/index.json"
skopeo copy --all --quiet --dest-tls-verify=false "oci:$oci:$suite" "docker://$image"
echo "$image"
