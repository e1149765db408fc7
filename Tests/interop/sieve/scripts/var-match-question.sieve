require ["variables", "fileinto"];
if header :matches "date" "??? *" { fileinto "day-${1}${2}${3}"; }
