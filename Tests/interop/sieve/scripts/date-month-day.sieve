require ["date", "fileinto", "variables"];
if date :matches "date" "month" "*" { set "m" "${1}"; }
if date :matches "date" "day" "*" { set "d" "${1}"; }
fileinto "${m}-${d}";
