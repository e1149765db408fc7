require ["duplicate", "fileinto"];
if not duplicate { fileinto "First"; }
