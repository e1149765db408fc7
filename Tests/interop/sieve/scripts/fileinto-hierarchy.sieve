require "fileinto";
if address :domain :is "from" "lottery.test" { fileinto "Junk"; stop; }
fileinto "Archive/2025";
