/// Placeholder so the module builds while the UI lands.
public enum SitrepUIModule {}
