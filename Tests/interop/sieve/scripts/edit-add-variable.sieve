require ["editheader", "variables", "fileinto"];
if header :matches "subject" "*" { addheader "X-Old-Subject" "${1}"; }
if header :contains "x-old-subject" "e" { fileinto "HasE"; }
