#!/usr/bin/env bash
# Debian packages used by tests: headless Chromium (dashboard tests via playwright-core),
# LibreOffice + poppler (the exported ledger opens without repair and converts to PDF).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-noto-cjk >/dev/null
fi
