require ["variables", "fileinto"];
if header :matches "subject" "*" { set "s" "${1}"; }
if header :matches "subject" "zzz*" { }
set :length "n" "${1}";
fileinto "n${n}";
