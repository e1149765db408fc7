require ["date", "fileinto", "variables"];
if date :matches "date" "hour" "*" { fileinto "h${1}"; }
