require ["variables", "fileinto"];
if header :matches "from" "*<*>" { set "addr" "${2}"; }
if string :matches "${addr}" "*@example.org" { fileinto "org"; }
