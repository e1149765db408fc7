require ["variables", "fileinto"];
if address :matches "from" "*@*" { fileinto "from-${2}"; }
