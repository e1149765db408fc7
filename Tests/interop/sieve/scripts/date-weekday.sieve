require ["date", "fileinto", "variables"];
if date :zone "+0000" :matches "date" "weekday" "*" { fileinto "wd${0}"; }
