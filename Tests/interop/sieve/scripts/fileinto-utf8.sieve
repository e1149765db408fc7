require "fileinto";
fileinto "Été";
