# to: me+work@example.com
require ["subaddress", "envelope", "fileinto", "variables"];
if envelope :detail :matches "to" "*" { fileinto "detail-${1}"; }
