"""ccm_ica: the CCM cooperation and assistance database — content → facts → pages → files/report → emit."""
