"""The settings in force for one run: flags, environment, the settings file, the folders."""
