require ["subaddress", "fileinto"];
if address :detail :contains "reply-to" "ali" { fileinto "alice"; }
