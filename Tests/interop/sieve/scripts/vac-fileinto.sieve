require ["vacation", "fileinto"];
fileinto "Away";
vacation :subject "Away" "Away.";
