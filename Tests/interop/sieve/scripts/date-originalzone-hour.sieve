require ["date", "fileinto", "variables"];
if date :originalzone :matches "date" "hour" "*" { fileinto "h${1}"; }
